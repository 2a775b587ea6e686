"""The Vũng Tàu 2022 demo, loaded by `cchc load-demo` (idempotent). Each issue adds its own step."""
