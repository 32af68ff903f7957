int f(void)
{
    /* never closed
    return 0;
}
