// placeholder: filled in by the component owner
#include "query.h"
