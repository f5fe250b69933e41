# The values benchmark (bench/values_bench.sh) measures CPU time with GNU time.
EXTRA_DEB_PKGS += time
