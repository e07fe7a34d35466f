// placeholder: filled in by the component owner
#include "rest_handler.h"
