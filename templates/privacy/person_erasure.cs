<?cs # person_erasure.cs: the erasure section of a person's page (person.cs, me.cs) ?>
