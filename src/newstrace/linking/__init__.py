"""Matching names to entities and places: name keys, the knowledge-base index, the gazetteer, NER."""
