from cchc.testing.personas import login_verified


def test_a_missing_page_says_so_in_vietnamese(client, world):
    login_verified(client, world.users["ward_officer"])
    response = client.get("/to-chuc/don-vi/999999/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_a_forbidden_page_says_so_in_vietnamese(client, world):
    login_verified(client, world.users["ward_officer"])
    response = client.get("/nhat-ky/")
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()
