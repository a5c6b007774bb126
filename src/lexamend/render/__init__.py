"""Renderers: turn clause trees and results into text, JSON, HTML and Word files."""
