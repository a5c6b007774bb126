"""lexamend: legal-document diff and amendment drafting.

``ingest → clause tree → patch → apply → render / cross-reference / diff``.
"""

__version__ = "0.1.0"
