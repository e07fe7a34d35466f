// placeholder: filled in by the component owner
#include "journal.h"
