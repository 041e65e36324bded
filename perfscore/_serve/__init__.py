"""``perfscore serve``: the CLI's JSON contracts over HTTP, and a form in the browser (``perfscore[serve]``).

Built on FastAPI (Starlette underneath) and served by uvicorn; see ``docs/serve.md``
for why. Nothing here is imported by ``import perfscore``: the extra is loaded only
when the server is started or :func:`perfscore._serve.app.create_app` is called.
"""
