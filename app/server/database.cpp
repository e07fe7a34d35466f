// placeholder: filled in by the component owner
#include "database.h"
