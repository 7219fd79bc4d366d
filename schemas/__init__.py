"""The bundled JSON Schemas, installed as the package ``toolkit.schemas`` (data only)."""
