"""Readers turn input files into raw records (or rejections with a reason)."""
