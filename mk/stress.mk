# make stress: hostile inputs at full size (tests/stress/), too slow to
# generate for every make check; each case has a budget of time and memory.
.DEFAULT_GOAL := all
.PHONY: stress
stress: all
	@sh tests/stress/hostile_readers.sh $(B)
