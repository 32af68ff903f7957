struct point { int x; double y; };
