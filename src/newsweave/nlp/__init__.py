"""Per-article stages: sentences and entities, embeddings, fingerprints, quotes, dates, claims."""
