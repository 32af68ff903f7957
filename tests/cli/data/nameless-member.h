struct point { int x; float; };
