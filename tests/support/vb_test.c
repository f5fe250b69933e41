#include "vb_test.h"
int vb_test_failures = 0;
