"""`replylint serve`: the engine behind a local HTTP API and a page for support agents.

An application on top of the engine, like the CLI: nothing below imports it. `service` turns a
request into the JSON document `check --format json` prints (no web framework in it); `app` is the
Starlette application (auth, CORS allow-list, size limit, the page); `run` starts uvicorn.
Starlette and uvicorn come with the `serve` extra and are imported only by `replylint serve`.
"""
