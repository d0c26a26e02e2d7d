"""The HTTP shell: ``create_app(settings)`` builds the FastAPI application and its concrete pieces."""
