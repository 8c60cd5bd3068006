"""What tests share: the project's paths and inputs, PDF text, the real readers, the web server."""
