"""The diff engine: legal-aware tokens, word diffs, and alignment of clause trees.

Pure functions with named, documented thresholds; shared by ``lexamend diff``,
``derive``, ``compare`` and the ``redline --from/--to`` writer.
"""
