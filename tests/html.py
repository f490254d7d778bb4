"""Small helpers for reading rendered HTML in tests."""

from bs4 import BeautifulSoup


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def soup(response):
    assert response.status_code == 200, response.status_code
    return parse(response)


def text_of(response):
    return " ".join(soup(response).get_text(" ").split())
