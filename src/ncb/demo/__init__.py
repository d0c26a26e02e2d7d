"""Synthetic demo data: :func:`ncb.demo.generate.generate_demo` builds notices and their images in memory."""
