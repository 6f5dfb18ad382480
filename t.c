#include <ClearSilver.h>
#include <stdio.h>
int main(void){HDF*h;NEOERR*e;hdf_init(&h);e=hdf_read_file(h,"t.hdf");if(e){STRING s;string_init(&s);nerr_error_string(e,&s);printf("err %s\n",s.buf);return 1;}
printf("[%s]\n[%s]\n[%s]\n",hdf_get_value(h,"Agreement.Text.nl","-"),hdf_get_value(h,"Agreement.Title.nl","-"),hdf_get_value(h,"Agreement.Version","-"));return 0;}
