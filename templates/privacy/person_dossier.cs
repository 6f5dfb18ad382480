<?cs # person_dossier.cs: the dossier section of a person's page (person.cs, me.cs) ?>
