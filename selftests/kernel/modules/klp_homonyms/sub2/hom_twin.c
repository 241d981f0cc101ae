// SPDX-License-Identifier: GPL-2.0
#define HOM_TWIN_USE hom_twin2_use
#include "../hom_twin_body.h"
