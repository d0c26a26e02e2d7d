"""Append-only Merkle log, signed checkpoints, verification."""
