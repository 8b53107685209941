"""A protocol client for tests: real HTTP to the live server, no browser, no Django test client.

It logs in as a browser would (a session cookie and the CSRF token a page sets) or sends a
personal access token; it follows no redirect and returns every status, so tests see exactly
what a client outside Glossa would.
"""

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookies import SimpleCookie

from django.test import Client

# No proxy from the environment: the live server is on this machine.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class Reply:
    status: int
    headers: object  # an email.message.Message: case-insensitive, get_all() for repeats
    body: bytes

    def json(self):
        return json.loads(self.body)

    def header(self, name: str) -> str:
        return ", ".join(self.headers.get_all(name) or [])


class ProtocolClient:
    def __init__(self, base_url: str, *, user=None, token: str | None = None):
        self.base_url = base_url
        self.headers: dict[str, str] = {}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        if user is not None:
            client = Client()
            client.force_login(user)
            cookies = {"sessionid": client.cookies["sessionid"].value}
            self.headers["Cookie"] = f"sessionid={cookies['sessionid']}"
            page = self.send("GET", "/")
            cookie = SimpleCookie("\n".join(page.headers.get_all("Set-Cookie") or []))
            cookies["csrftoken"] = cookie["csrftoken"].value
            self.headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
            self.headers["X-CSRFToken"] = cookies["csrftoken"]

    def url(self, path_or_url: str) -> str:
        if path_or_url.startswith("http"):
            return path_or_url
        return self.base_url + urllib.parse.quote(path_or_url, safe="/%?=&")

    def send(self, method: str, url: str, data=None, **headers) -> Reply:
        headers = self.headers | {k.replace("_", "-"): v for k, v in headers.items()}
        body = None
        if data is not None:
            body = data if isinstance(data, bytes) else json.dumps(data).encode()
            headers.setdefault("Content-Type", "application/ld+json")
        request = urllib.request.Request(self.url(url), data=body, method=method, headers=headers)
        try:
            with OPENER.open(request, timeout=30) as response:
                return Reply(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.headers, error.read())

    def get(self, url: str, **headers) -> Reply:
        return self.send("GET", url, **headers)
