"""Writers: each output format in its own module; `write_output` puts any of them on stdout or a file atomically."""
