int f(void)
{
    const char *s = "never closed;
    return 0;
}
