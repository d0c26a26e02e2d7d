"""Pure screening engine: normalise -> transliterate -> keys -> index -> score -> explain. No I/O."""

from ncb.matching.compare import DEFAULT_THRESHOLD, compare
from ncb.matching.model import FeatureResult, Hit, NameAlignment, Person

__all__ = ["DEFAULT_THRESHOLD", "FeatureResult", "Hit", "NameAlignment", "Person", "compare"]
