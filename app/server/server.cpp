// placeholder: filled in by the component owner
#include "server.h"
