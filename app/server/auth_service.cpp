// placeholder: filled in by the component owner
#include "auth_service.h"
