"""The test suite; tests/helpers/ holds what tests share, each folder's conftest.py its fixtures."""
