from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def landing(request: HttpRequest) -> HttpResponse:
    """The public front page: what a citizen can do here. Later issues add look-up, petitions, surveys."""
    return render(request, "portal/landing.html")
