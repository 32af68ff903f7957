// sizeclass.h — Go's size-class table (runtime/sizeclasses.go), as data.
//
// Small objects (1 .. ML_MAX_SMALL_SIZE bytes) are rounded up to one of
// ML_NUM_SIZE_CLASSES classes; class 0 means "large object". Each class
// fixes an object size, the number of 8 KiB pages in one of its spans and so
// the number of objects per span. Size → class takes O(1) through two lookup
// tables, exactly as Go's size_to_class8 / size_to_class128.
#ifndef MEMLAB_SIZECLASS_H
#define MEMLAB_SIZECLASS_H

#include <stddef.h>

#define ML_NUM_SIZE_CLASSES 68  // including class 0 (large)
#define ML_MAX_SMALL_SIZE 32768 // largest size served by a size class
#define ML_TINY_SIZE 16         // the tiny allocator's block size
#define ML_SMALL_SIZE_MAX 1024  // sizes up to here use the 8-byte-step table
#define ML_SMALL_SIZE_DIV 8
#define ML_LARGE_SIZE_DIV 128

// ml_size_to_class — the smallest class whose objects hold `size` bytes.
// Returns 0 for size 0 and for size > ML_MAX_SMALL_SIZE (large objects).
int ml_size_to_class(size_t size);

// Class → object size in bytes (0 for class 0 or a class out of range).
size_t ml_class_size(int sizeclass);
// Class → pages per span (0 for class 0 or out of range).
size_t ml_class_npages(int sizeclass);
// Class → objects per span: npages * 8192 / size (0 for class 0).
size_t ml_class_nobjs(int sizeclass);
// ml_round_size — the size an allocation of `size` bytes really takes:
// its class's object size, or `size` rounded up to whole pages when large.
size_t ml_round_size(size_t size);

// ml_class_max_waste — worst-case total waste of a span of this class as a
// fraction (0..1), as Go's table comment computes it: an object of the
// previous class's size + 1 in every slot, plus the span's tail. 0 for
// class 0.
double ml_class_max_waste(int sizeclass);
// ml_class_tail_waste — bytes left over at the end of a span of this class.
size_t ml_class_tail_waste(int sizeclass);

#endif
