"""Corpus stages: stories, copies, people, claims, stances, timeline, summary."""
