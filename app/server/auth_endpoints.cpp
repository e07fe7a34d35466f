// placeholder: filled in by the component owner
#include "auth_endpoints.h"
