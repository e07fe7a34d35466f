// placeholder: filled in by the component owner
#include "demo_seed.h"
