"""The report pack: recommendation, comparative table, instructions, redline and index, in one call."""

from lexamend.report.pack import FORMATS, Pack, PackOptions, build_pack

__all__ = ["FORMATS", "Pack", "PackOptions", "build_pack"]
