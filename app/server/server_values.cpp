// placeholder: filled in by the component owner
#include "server_values.h"
