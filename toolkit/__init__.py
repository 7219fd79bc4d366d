"""toolkit: scraped pages in, clean validated Articles out."""
__version__ = "0.1.0"
