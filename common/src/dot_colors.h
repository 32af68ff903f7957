// dot_colors.h — the fills of memlab's heap pictures, in one place: dot.c
// draws with them and steppage.c's legend explains them (internal to the core).
#ifndef MEMLAB_DOT_COLORS_H
#define MEMLAB_DOT_COLORS_H

#define ML_DOT_WHITE "white"        // not marked
#define ML_DOT_GREY "#b3b3b3"       // marked, pointers not scanned yet
#define ML_DOT_BLACK "black"        // marked and scanned
#define ML_DOT_GLOBAL "#dde8ff"     // a global root
#define ML_DOT_FRAME "#fff3c4"      // a stack frame not scanned yet
#define ML_DOT_FRAME_DONE "#c8e6c9" // a stack frame scanned
#define ML_DOT_FREED "#ffe0e0"      // a pointer into freed memory

#endif
