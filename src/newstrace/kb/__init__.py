"""The domain knowledge base: entities war reporting names again and again, as validated data."""
