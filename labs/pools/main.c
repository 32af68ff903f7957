// main.c — placeholder until the program lands.
int main(void) { return 0; }
