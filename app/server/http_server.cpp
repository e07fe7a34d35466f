// placeholder: filled in by the component owner
#include "http_server.h"
