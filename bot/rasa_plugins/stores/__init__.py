"""Our tracker store and lock store, named in endpoints.yml."""
