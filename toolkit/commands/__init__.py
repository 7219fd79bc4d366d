"""One module per CLI command (see toolkit.cli)."""
