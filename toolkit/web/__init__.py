"""``policykit serve``: a local web app over the toolkit (upload, register, compare, generate).

    from toolkit.web import ServeConfig, create_app
    app = create_app(ServeConfig(data_dir=Path("workspace")))

Starlette and Jinja2 templates, served by uvicorn; every script and style is in
this package (no CDN). See ``app.py`` for the routes and their safety rules.
"""

from __future__ import annotations

from .app import ServeConfig, create_app

__all__ = ["ServeConfig", "create_app"]
