// Public petition form: the ward hint for categories a ward handles, and "use my location".
// The category list comes from a json_script block, never from code written into the page; the status
// messages come from the status element's data attributes, in the page's language.
(function () {
  var dataNode = document.getElementById("ward-routed-data");
  var wardRouted = dataNode ? JSON.parse(dataNode.textContent) : [];
  var category = document.getElementById("id_category");
  var hint = document.getElementById("ward-hint");
  function update() { hint.classList.toggle("d-none", wardRouted.indexOf(parseInt(category.value, 10)) < 0); }
  if (category && hint) { category.addEventListener("change", update); update(); }
  var button = document.getElementById("use-location");
  var status = document.getElementById("location-status");
  if (!button) return;
  if (!navigator.geolocation) { button.classList.add("d-none"); return; }
  button.addEventListener("click", function () {
    status.textContent = status.dataset.locating || "Đang lấy vị trí…";
    navigator.geolocation.getCurrentPosition(function (pos) {
      document.getElementById("id_latitude").value = pos.coords.latitude.toFixed(6);
      document.getElementById("id_longitude").value = pos.coords.longitude.toFixed(6);
      status.textContent = status.dataset.located || "Đã ghi vị trí.";
    }, function () {
      status.textContent = status.dataset.failed || "Không lấy được vị trí; vui lòng ghi địa điểm cụ thể.";
    });
  });
})();
