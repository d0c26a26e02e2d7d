"""Tables the transliteration modules read: plain Python data, no I/O."""
