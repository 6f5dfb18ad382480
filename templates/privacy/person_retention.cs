<?cs # person_retention.cs: the retention section of a person's page (person.cs, me.cs) ?>
