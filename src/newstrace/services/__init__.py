"""The service layer: what every interface (CLI, HTTP API, web app) calls; no interface code here."""
